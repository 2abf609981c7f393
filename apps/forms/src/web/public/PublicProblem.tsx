import type { ApiProblem } from '@orchestrator/shared/api-client';

const TITLES: Record<number, string> = {
  404: 'This form does not exist',
  409: 'This form is no longer taking responses',
  410: 'This form is closed',
};

const FALLBACK_DETAILS: Record<number, string> = {
  404: 'Check the link you were given; it may have a typo, or the form may have been removed.',
  409: 'It has received all the responses it can take.',
  410: 'It no longer accepts responses.',
};

/** Why a public form cannot be filled in: unknown link, closed, or full. */
export function PublicProblem({ problem }: { problem: ApiProblem }) {
  return (
    <div className="pf-page__problem">
      <div className="ui-state">
        <h1 className="ui-state__title">{TITLES[problem.status] ?? problem.title}</h1>
        <p className="ui-state__description">
          {problem.status === 404
            ? FALLBACK_DETAILS[404]
            : (problem.detail ?? FALLBACK_DETAILS[problem.status])}
        </p>
      </div>
    </div>
  );
}
