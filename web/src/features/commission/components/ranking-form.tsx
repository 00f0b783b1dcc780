import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { exclusionGrounds } from '#lifecycle/lifecycle-schemas.ts';
import { ErrorSummary } from '#web/components/form/error-summary.tsx';
import { fieldId, TextField } from '#web/components/form/text-field.tsx';
import { formErrorsOf, noErrors } from '#web/lib/form-errors.ts';
import { formatPoints } from '#web/lib/format.ts';
import { type Candidate, type Decision, useDecide } from '../api/use-commission.ts';
import { nameOf } from './names.ts';

interface Exclusion {
  readonly reason: string;
  readonly falseDeclaration: boolean;
}

/**
 * The commission's decision: the files in the order the dwelling will be offered, moved with
 * « Monter » / « Descendre » (buttons: keyboard usable; each move is announced), the files set
 * aside with their reason, then sent. The order starts as the robot's.
 */
export function RankingForm({
  offerId,
  candidates,
  onSent,
}: {
  offerId: string;
  candidates: readonly Candidate[];
  /** Called once the decision is taken: the page keeps this form (and its confirmation) shown. */
  onSent: () => void;
}) {
  const decide = useDecide(offerId);
  const byId = new Map(candidates.map((candidate) => [candidate.applicationId, candidate]));
  const [order, setOrder] = useState(() =>
    [...candidates].sort((a, b) => (a.position ?? 99) - (b.position ?? 99)).map((candidate) => candidate.applicationId),
  );
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [excluded, setExcluded] = useState<Record<string, Exclusion>>({});
  const [announcement, setAnnouncement] = useState('');
  const [focus, setFocus] = useState<{ key: string } | undefined>();
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const ranked = order.filter((id) => !excluded[id]);
  const excludedIds = order.filter((id) => excluded[id]);
  // Two applicants may share a name: their e-mail tells them apart.
  const name = (id: string) => {
    const candidate = byId.get(id);
    const email = candidate?.applicant?.email;
    return `${nameOf(candidate ?? { applicationId: id })}${email ? ` (${email})` : ''}`;
  };

  useEffect(() => {
    if (focus) buttons.current.get(focus.key)?.focus();
  }, [focus]);

  const move = (id: string, direction: 'up' | 'down') => {
    const index = ranked.indexOf(id);
    const target = direction === 'up' ? index - 1 : index + 1;
    const swapWith = ranked[target];
    if (swapWith === undefined) return;
    setOrder((current) => current.map((entry) => (entry === id ? swapWith : entry === swapWith ? id : entry)));
    setAnnouncement(`${name(id)} : rang ${target + 1} sur ${ranked.length}.`);
    // At the top, « Monter » is disabled: the focus goes to « Descendre » of the same file (and the other way round).
    const edge = direction === 'up' ? target === 0 : target === ranked.length - 1;
    setFocus({ key: `${id}-${edge ? (direction === 'up' ? 'down' : 'up') : direction}` });
  };

  const decision = (): Decision => ({
    ranking: ranked.map((applicationId) => ({
      applicationId,
      ...(reasons[applicationId]?.trim() ? { reason: reasons[applicationId] } : {}),
    })),
    exclusions: excludedIds.map((applicationId) => {
      const exclusion = excluded[applicationId] ?? { reason: '', falseDeclaration: false };
      return { applicationId, reason: exclusion.reason, ...(exclusion.falseDeclaration ? { ground: 'false-declaration' as const } : {}) };
    }),
  });
  // Memoized: the summary takes the focus when its items change, not at each keystroke in a reason.
  const errors = useMemo(() => (decide.error ? formErrorsOf(decide.error) : noErrors), [decide.error]);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    decide.mutate(decision(), { onSuccess: onSent });
  };
  const labelOf = (field: string) => {
    const match = /^(ranking|exclusions)\.(\d+)/.exec(field);
    const id = match && (match[1] === 'ranking' ? ranked : excludedIds)[Number(match[2])];
    return id ? `${match[1] === 'ranking' ? 'Motif du classement' : 'Motif d’exclusion'}, ${name(id)}` : undefined;
  };

  if (decide.isSuccess) {
    return (
      <div className="notice notice--success" role="status">
        <h3>Décision transmise</h3>
        <p>
          {decide.data.ranking[0]
            ? `Le logement est proposé d’abord à ${name(decide.data.ranking[0].applicationId)}`
            : 'Aucun dossier classé'}
          {decide.data.exclusions.length ? ` ; ${decide.data.exclusions.length} dossier(s) écarté(s)` : ''}.
        </p>
      </div>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate>
      <ErrorSummary items={errors.items} labels={labelOf} />
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      <h3 id="classement-titre">Ordre de proposition</h3>
      <ol className="ranking" aria-labelledby="classement-titre">
        {ranked.map((id, index) => (
          <li key={id} className="ranking__item">
            <span className="ranking__name">
              <strong>
                {index + 1}. {name(id)}
              </strong>
              {byId.get(id)?.score !== undefined && <span className="muted"> · {formatPoints(byId.get(id)?.score ?? 0)} points</span>}
            </span>
            <span className="actions">
              {(['up', 'down'] as const).map((direction) => (
                <button
                  key={direction}
                  type="button"
                  className="button button--secondary"
                  ref={(element) => {
                    if (element) buttons.current.set(`${id}-${direction}`, element);
                    else buttons.current.delete(`${id}-${direction}`);
                  }}
                  disabled={direction === 'up' ? index === 0 : index === ranked.length - 1}
                  onClick={() => move(id, direction)}
                >
                  {direction === 'up' ? 'Monter' : 'Descendre'}
                  <span className="visually-hidden"> {name(id)}</span>
                </button>
              ))}
            </span>
            <TextField
              name={`ranking.${index}.reason`}
              label={`Motif du classement de ${name(id)} (facultatif)`}
              value={reasons[id] ?? ''}
              onChange={(event) => setReasons((current) => ({ ...current, [id]: event.target.value }))}
              error={errors.fields[`ranking.${index}.reason`] ?? errors.fields[`ranking.${index}.applicationId`]}
            />
          </li>
        ))}
      </ol>
      {ranked.length === 0 && <p>Aucun dossier classé : tous sont écartés.</p>}
      <h3>Dossiers écartés</h3>
      {order.map((id) => {
        const exclusion = excluded[id];
        const checkboxId = `ecarter-${id}`;
        const index = excludedIds.indexOf(id);
        return (
          <div key={id} className="field">
            <label className="choice" htmlFor={checkboxId}>
              <input
                type="checkbox"
                id={checkboxId}
                checked={exclusion !== undefined}
                onChange={(event) =>
                  setExcluded(({ [id]: _removed, ...rest }) =>
                    event.target.checked ? { ...rest, [id]: { reason: '', falseDeclaration: false } } : rest,
                  )
                }
              />
              <span>Écarter le dossier de {name(id)}</span>
            </label>
            {exclusion && (
              <div className="member">
                <TextField
                  name={`exclusions.${index}.reason`}
                  label={`Motif d’exclusion de ${name(id)}`}
                  value={exclusion.reason}
                  onChange={(event) => setExcluded((current) => ({ ...current, [id]: { ...exclusion, reason: event.target.value } }))}
                  error={errors.fields[`exclusions.${index}.reason`]}
                />
                <label className="choice" htmlFor={fieldId(`exclusions.${index}.ground`)}>
                  <input
                    type="checkbox"
                    id={fieldId(`exclusions.${index}.ground`)}
                    checked={exclusion.falseDeclaration}
                    onChange={(event) =>
                      setExcluded((current) => ({ ...current, [id]: { ...exclusion, falseDeclaration: event.target.checked } }))
                    }
                  />
                  <span>{exclusionGrounds['false-declaration']}</span>
                </label>
              </div>
            )}
          </div>
        );
      })}
      <button type="submit" className="button" disabled={decide.isPending}>
        Transmettre la décision
      </button>
    </form>
  );
}
