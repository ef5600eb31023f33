// What the sync server (src/server) and a desk (desk-connection.ts) agree on
// about access, in a file without dependencies so both sides import it.

/** The reason the server gives a desk with a wrong or missing token. */
export const REFUSED_REASON = 'galley: wrong or missing server token';
