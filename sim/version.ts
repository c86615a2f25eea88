/** The engine version written into every manifest; equals package.json's version (a test checks this). */
export const ENGINE_VERSION = '0.1.0';
