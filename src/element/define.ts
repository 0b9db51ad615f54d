// Registers a custom element once. A page may load the element's module twice (two bundles that each include it,
// two copies in node_modules): the second `customElements.define` of a name would throw "already been used" and take
// the rest of that bundle down with it. The first definition wins and stays; any later one is a no-op.

/** Defines `name` as `klass` unless `name` is already defined; true when this call defined it. */
export function defineElement(name: string, klass: CustomElementConstructor): boolean {
  // Held in a variable: server-side rendering may run without a registry. (custom-elements.json is built from
  // literal `customElements.define('tag', Class)` calls only; the element names its tag in its JSDoc instead.)
  const registry = globalThis.customElements;
  if (!registry || registry.get(name)) return false;
  registry.define(name, klass);
  return true;
}
