/** Cursor colours by role (shared with the server, which sets them on every cursor it relays). */
export { ROLE_COLOURS } from '../../../shared/roleColours.js';
