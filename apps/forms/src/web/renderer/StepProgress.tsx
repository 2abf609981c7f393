/** "Question 2 of 5" with a bar; the total follows the logic, so it can change as the respondent answers. */
export function StepProgress({ current, total }: { current: number; total: number }) {
  const label = `Question ${current} of ${total}`;
  return (
    <div className="pf-progress">
      <div
        className="pf-progress__bar"
        role="progressbar"
        aria-label={label}
        aria-valuemin={1}
        aria-valuemax={total}
        aria-valuenow={current}
      >
        <div className="pf-progress__fill" style={{ width: `${Math.round((current / total) * 100)}%` }} />
      </div>
      <span className="pf-progress__text" aria-hidden="true">
        {current} / {total}
      </span>
    </div>
  );
}
