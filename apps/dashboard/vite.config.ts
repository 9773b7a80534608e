import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const server = process.env.EDGEPLANE_DEV_SERVER ?? "http://localhost:3000";
const modules = (names: string) => new RegExp(`node_modules[\\\\/](${names})[\\\\/]`);

// Vite reads the config's default export.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: separate chunks stay cached across deploys.
        codeSplitting: {
          groups: [
            { name: "react", test: modules("react|react-dom|react-router|scheduler") },
            { name: "mantine", test: modules("@mantine|mantine-datatable|@floating-ui") },
            { name: "supabase", test: modules("@supabase") },
            { name: "vendor", test: /node_modules/ },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { "/api": server, "/auth/v1": server },
  },
});
