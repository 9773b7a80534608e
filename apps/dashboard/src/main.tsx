import "@mantine/core/styles.css";
import "@mantine/notifications/styles.css";
import "mantine-datatable/styles.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { Boot } from "./app/Boot.tsx";

const container = document.getElementById("root");
if (!container) throw new Error("index.html has no #root element");

createRoot(container).render(
  <StrictMode>
    <Boot />
  </StrictMode>,
);
