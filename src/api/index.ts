/** The API contract shared by the campaign server and the SPA (see contract.ts). */
export * from './contract.ts';
