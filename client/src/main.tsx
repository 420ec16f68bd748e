/** Entry point: mounts the app with its session and routes. */
import './zodConfig.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter } from 'react-router';
import { App } from './App.js';
import { createQueryClient } from './api/queryClient.js';
import { AppErrorBoundary } from './components/AppErrorBoundary.js';
import { SessionProvider } from './auth/session.js';
import { registerAppShell } from './offline/appShell.js';
// Global styles, in cascade order: tokens, the coaching idioms, the base (which wins over them), printing.
import './tokens.css';
import './coaching/coaching.css';
import './styles.css';
import './finishing/print.css';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');

registerAppShell();
const queryClient = createQueryClient();

createRoot(root).render(
  <StrictMode>
    <AppErrorBoundary>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <SessionProvider>
            <App />
          </SessionProvider>
        </BrowserRouter>
      </QueryClientProvider>
    </AppErrorBoundary>
  </StrictMode>,
);
