/*
 * Runs in the page (bundled by webkit-page.ts): finds elements as a person does, by role and
 * accessible name (dom-accessibility-api, the library Testing Library uses) and by text, through
 * every open shadow root, with Playwright's matching rules, so a walk reads the same in every lane.
 */
import { computeAccessibleDescription, computeAccessibleName, getRole, isInaccessible } from 'dom-accessibility-api';

/** A string matches as a case-insensitive substring (`exact`: the whole, case-sensitive); a RegExp tests. */
export type TextMatch = string | { source: string; flags: string };

export type Step =
  | { kind: 'role'; role: string; name?: TextMatch; exact?: boolean }
  | { kind: 'text'; text: TextMatch; exact?: boolean }
  | { kind: 'hasText'; text: TextMatch }
  | { kind: 'nth'; index: number };

const normalize = (text: string): string => text.replace(/\s+/g, ' ').trim();

function matches(text: string, match: TextMatch, exact = false): boolean {
  const value = normalize(text);
  if (typeof match !== 'string') return new RegExp(match.source, match.flags).test(value);
  return exact ? value === normalize(match) : value.toLowerCase().includes(normalize(match).toLowerCase());
}

/** The children as rendered: a shadow root's instead of the host's, a slot's assigned nodes. */
function renderedChildren(node: Node): Node[] {
  if (node instanceof Element && node.shadowRoot) return [...node.shadowRoot.childNodes];
  if (node instanceof HTMLSlotElement) {
    const assigned = node.assignedNodes();
    return assigned.length > 0 ? assigned : [...node.childNodes];
  }
  return [...node.childNodes];
}

const SILENT = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT']);

/** The text a person sees in `node`, shadow trees included. */
function deepText(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
  if (node instanceof Element && SILENT.has(node.tagName)) return '';
  return renderedChildren(node).map(deepText).join('');
}

/** Every element under `root`, in tree order, entering open shadow roots. */
function descendants(root: Node): Element[] {
  const found: Element[] = [];
  const visit = (node: Node): void => {
    const children =
      node instanceof Element && node.shadowRoot ? [node.shadowRoot, ...node.childNodes] : [...node.childNodes];
    for (const child of children) {
      if (child instanceof Element) found.push(child);
      if (child instanceof Element || child instanceof ShadowRoot) visit(child);
    }
  };
  visit(root);
  return found;
}

/** The element and its ancestors across shadow boundaries (a host is a shadow root's parent). */
function composedAncestors(element: Element): Element[] {
  const chain: Element[] = [];
  for (let node: Element | null = element; node;) {
    chain.push(node);
    const root = node.getRootNode();
    node = node.parentElement ?? (root instanceof ShadowRoot ? root.host : null);
  }
  return chain;
}

/** Hidden from a screen reader, as Playwright's getByRole sees it: itself or any ancestor, shadow hosts included. */
const hiddenFromAccessibility = (element: Element): boolean =>
  composedAncestors(element).some((node) => isInaccessible(node));

function roleStep(scope: Element[], step: Extract<Step, { kind: 'role' }>): Element[] {
  const found = new Set<Element>();
  for (const root of scope) {
    for (const element of descendants(root)) {
      if (getRole(element) !== step.role || hiddenFromAccessibility(element)) continue;
      if (step.name !== undefined && !matches(computeAccessibleName(element), step.name, step.exact)) continue;
      found.add(element);
    }
  }
  return [...found];
}

/** The innermost elements whose text matches, as Playwright's getByText. */
function textStep(scope: Element[], step: Extract<Step, { kind: 'text' }>): Element[] {
  const found = new Set<Element>();
  for (const root of scope) {
    for (const element of descendants(root)) {
      if (SILENT.has(element.tagName) || !matches(deepText(element), step.text, step.exact)) continue;
      const inner = renderedChildren(element).some(
        (child) => child instanceof Element && matches(deepText(child), step.text, step.exact),
      );
      if (!inner) found.add(element);
    }
  }
  return [...found];
}

function find(steps: Step[]): Element[] {
  let scope: Element[] = [document.documentElement];
  for (const step of steps) {
    if (step.kind === 'role') scope = roleStep(scope, step);
    else if (step.kind === 'text') scope = textStep(scope, step);
    else if (step.kind === 'hasText') scope = scope.filter((element) => matches(deepText(element), step.text));
    else scope = scope.slice(step.index, step.index + 1);
  }
  return scope;
}

function isVisible(element: Element): boolean {
  const style = getComputedStyle(element);
  if (style.display === 'contents') return [...element.children].some(isVisible);
  const box = element.getBoundingClientRect();
  return box.width > 0 && box.height > 0 && style.visibility === 'visible';
}

/** The element that has the focus, inside shadow roots too. */
function focused(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

const finder = {
  find,
  isVisible,
  text: deepText,
  isFocused: (element: Element) => focused() === element,
  description: (element: Element) => computeAccessibleDescription(element),
  isDisabled: (element: Element) => element.matches(':disabled') || element.getAttribute('aria-disabled') === 'true',
};

export type Finder = typeof finder;

(globalThis as unknown as { __laneFinder: Finder }).__laneFinder = finder;
