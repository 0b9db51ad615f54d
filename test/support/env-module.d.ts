// What browser tests get from `import env from '/__env.js'` (served by test/support/browser-env.ts).
declare module '*/__env.js' {
  const env: { emulatorUrl: string; [key: string]: string };
  export default env;
}
