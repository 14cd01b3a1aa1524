/** @module Entry point of the dashboard. */
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App.js";
import { createServices } from "./services.js";
import "./styles.css";
import "./work/work.css";
import "./brain.css";
import "./federation/federation.css";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root");
createRoot(root).render(
  <StrictMode>
    <App services={createServices()} />
  </StrictMode>,
);
