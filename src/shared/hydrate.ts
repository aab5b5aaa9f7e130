/**
 * Hydration of server-rendered elements (src/ssr/): an element whose Declarative Shadow DOM came
 * with the page adopts it instead of rendering again, and the elements nested in it wait for their
 * properties (`defer-hydration`). Lit reads this support when lit-element loads, so every element's
 * registration module imports this before its class (and after csp.ts, which must listen before
 * any of Lit runs).
 */
import '@lit-labs/ssr-client/lit-element-hydrate-support.js';
