/** A keyboard shortcut hint, e.g. <Kbd>Alt+N</Kbd>. */
export function Kbd({ children }: { children: string }) {
  return <kbd className="kbd">{children}</kbd>;
}
