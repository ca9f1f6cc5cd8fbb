/** The speaker notes of a slide, copied as nodes (no markup is re-parsed); undefined when it has none. */
export function notesOf(slide: HTMLElement | undefined): Node[] | undefined {
  if (!slide) return undefined;
  const aside = slide.querySelector(':scope > aside.notes');
  if (aside?.hasChildNodes()) return [...aside.childNodes].map((n) => n.cloneNode(true));
  const attr = slide.getAttribute('data-notes');
  return attr ? [document.createTextNode(attr)] : undefined;
}

/**
 * What the provenance view shows for a slide (the notes' `Provenance:` part, its figures and sources: the
 * compiler's `aside.slide-provenance`), copied without its title; undefined when it has none.
 */
export function provenanceOf(slide: HTMLElement | undefined): Node[] | undefined {
  const aside = slide?.querySelector(':scope > aside.slide-provenance');
  const nodes = aside
    ? [...aside.childNodes].filter((n) => !(n instanceof Element && n.matches('.prov-title')))
    : [];
  return nodes.length > 0 ? nodes.map((n) => n.cloneNode(true)) : undefined;
}
