// The console is plain TypeScript bundled into static files. `npm run build -- --outDir DIR`
// (what CMake runs) writes them where `chokepoint serve` mounts them. No inline scripts or
// styles: the server's Content-Security-Policy forbids them.
import { defineConfig } from "vite";

export default defineConfig({
  base: "./",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2020",
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
    reportCompressedSize: false,
  },
});
