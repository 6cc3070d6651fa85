/** Images imported by the admin panel's configuration (Vite serves them as URLs). */
declare module '*.png' {
  const url: string;
  export default url;
}
