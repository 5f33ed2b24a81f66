/** One figure in a `<dl className="figures">`: a label over a number. */
export function Figure({
  label,
  value,
  warn,
  testId,
}: {
  label: string;
  value: string;
  warn?: boolean;
  testId?: string;
}) {
  return (
    <div className="figure">
      <dt>{label}</dt>
      <dd className={warn ? 'warn' : undefined} data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}
