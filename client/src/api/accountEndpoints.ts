/** Typed calls to the account-mail routes (contracts in shared/contract/accountMailRoutes.ts). */
import type { ChangeEmailRequest, ChangePasswordRequest } from '../../../shared/accountMail.js';
import type { User } from '../../../shared/api.js';
import { API } from '../../../shared/contract/index.js';
import { call } from './call.js';

/** Asks for a link to set a new password; the answer is the same whether or not the address has an account. */
export const requestPasswordReset = (email: string): Promise<void> =>
  call(API.requestPasswordReset, { body: { email } });

/** Sets a new password with the emailed link's token; signs the person out everywhere. */
export const resetPassword = (token: string, password: string): Promise<void> =>
  call(API.resetPassword, { body: { token, password } });

export const changeName = async (name: string): Promise<User> => (await call(API.changeName, { body: { name } })).user;

export const changePassword = (body: ChangePasswordRequest): Promise<void> => call(API.changePassword, { body });

/** Sends a confirmation link to the new address; resolves with that address. */
export const requestEmailChange = async (body: ChangeEmailRequest): Promise<string> =>
  (await call(API.requestEmailChange, { body })).sentTo;

/** Confirms a new address with the emailed link's token; resolves with the address now in use. */
export const confirmEmailChange = async (token: string): Promise<string> =>
  (await call(API.confirmEmailChange, { body: { token } })).email;

/** Emails the signed-in person a link that deletes their account; resolves with where it went. */
export const requestAccountClosureLink = async (): Promise<string> =>
  (await call(API.requestAccountClosureLink)).sentTo;

/** Deletes the account the emailed link was made for. */
export const confirmAccountClosure = async (token: string): Promise<void> => {
  await call(API.confirmAccountClosure, { body: { token } });
};
