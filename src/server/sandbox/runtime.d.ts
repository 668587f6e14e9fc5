// The sandbox runtime files are sent to the Dynamic Worker Loader as text, never imported.
declare module '*.js?raw' {
  const source: string;
  export default source;
}
