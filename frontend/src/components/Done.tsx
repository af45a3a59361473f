/** A confirmation of what just changed, announced politely. */
export function Done({ children }: { children: React.ReactNode }) {
  return (
    <p className="status status--done" role="status">
      <span aria-hidden="true">✓ </span>
      {children}
    </p>
  );
}
