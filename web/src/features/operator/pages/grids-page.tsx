import { type FormEvent, useId, useState } from 'react';
import { Notice } from '#web/components/ui/notice.tsx';
import { Page } from '#web/components/ui/page.tsx';
import { PageLoadError, PageLoading } from '#web/components/ui/page-states.tsx';
import { ApiError } from '#web/lib/api-client.ts';
import { formErrorsOf } from '#web/lib/form-errors.ts';
import { formatDate } from '#web/lib/format.ts';
import { type PublishableGrid, type ScoringGrids, usePublishGrid, useScoringGrids } from '../api/use-operator.ts';
import { draftOf, withoutStatus } from '../components/grid-draft.ts';
import { gridStatusLabels } from '../components/labels.ts';
import '../operator.css';

type Grid = ScoringGrids['grids'][number];
const title = 'Grille de cotation';

/** `/operateur/grille`: every version of the scoring grid, the one in force marked, and the publication of a new one. */
export function GridsPage() {
  const grids = useScoringGrids();
  if (grids.isPending) return <PageLoading title={title} />;
  if (grids.isError) return <PageLoadError title={title} error={grids.error} />;
  const { today, inForce } = grids.data;
  return (
    <Page title={title}>
      <p className="lead">
        Au {formatDate(today)}, version en vigueur : <strong>{inForce ?? 'aucune'}</strong>. Une offre est cotée avec la grille en vigueur à
        la clôture de ses candidatures.
      </p>
      <section aria-labelledby="versions">
        <h2 id="versions">Versions ({grids.data.grids.length})</h2>
        {grids.data.grids.map((grid) => (
          <GridCard key={`${grid.version}-${grid.effectiveFrom}`} grid={grid} />
        ))}
      </section>
      <PublishGrid latest={grids.data.grids.at(-1)} today={today} />
    </Page>
  );
}

function GridCard({ grid }: { grid: Grid }) {
  const headingId = useId();
  return (
    <article className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>
        Version {grid.version} — {gridStatusLabels[grid.status]}
      </h3>
      {grid.description && <p>{grid.description}</p>}
      <dl className="facts">
        <dt>À effet le</dt>
        <dd>{formatDate(grid.effectiveFrom)}</dd>
        <dt>Contrat</dt>
        <dd>
          CDI {grid.contract.cdi} pts, CDD d’au moins {grid.contract.cddLongMinMonths} mois {grid.contract.cddLong} pts, autre{' '}
          {grid.contract.other} pts, période d’essai {grid.contract.trialPeriod} pts
        </dd>
        <dt>Ancienneté</dt>
        <dd>
          {grid.seniority.pointsPerMonth} pt(s) par mois, bonus de {grid.seniority.bonus} pts après {grid.seniority.bonusAfterMonths} mois
          {grid.caps?.seniority !== undefined ? `, plafonnée à ${grid.caps.seniority} pts` : ''}
        </dd>
        <dt>Recommandation de l’employeur</dt>
        <dd>{grid.recommendation} pts</dd>
        <dt>Priorités</dt>
        <dd>
          {grid.priority.pointsEach} pts chacune, au plus {grid.priority.cap} pts
        </dd>
      </dl>
      <details>
        <summary>Toute la grille (JSON)</summary>
        <pre className="operator-json">{JSON.stringify(withoutStatus(grid), null, 2)}</pre>
      </details>
    </article>
  );
}

/** Messages of a refused grid, each with the place in the JSON it concerns. */
function messagesOf(error: unknown): string[] {
  if (error instanceof ApiError && error.fields.length > 0) {
    return error.fields.map((field) => {
      const path = field.field.replace(/^body\.?/, '');
      return path ? `${path} : ${field.message}` : field.message;
    });
  }
  return formErrorsOf(error).items.map((item) => item.message);
}

function PublishGrid({ latest, today }: { latest?: Grid; today: string }) {
  const publish = usePublishGrid();
  const [syntaxError, setSyntaxError] = useState<string | undefined>();
  const editorId = useId();
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const text = String(new FormData(event.currentTarget).get('grille') ?? '');
    let grid: PublishableGrid;
    try {
      grid = JSON.parse(text) as PublishableGrid;
    } catch {
      setSyntaxError('Le texte n’est pas du JSON valide : vérifiez les guillemets, virgules et accolades.');
      return;
    }
    setSyntaxError(undefined);
    publish.mutate(grid);
  };
  const errors = syntaxError ? [syntaxError] : publish.isError ? messagesOf(publish.error) : [];
  return (
    <section className="card" aria-labelledby="publier">
      <h2 id="publier">Publier une nouvelle version</h2>
      <p>
        Éditeur JSON : la grille proposée reprend la dernière version, numéro suivant, à effet demain ou, si la dernière version est
        programmée, le jour où elle prend effet (elle la remplace alors). Modifiez les points puis publiez. La date d’effet est au plus tôt
        le lendemain ; une grille qui prend effet avant une version programmée est remplacée par celle-ci à sa date. L’ancienneté (avec son
        bonus) doit peser moins que tous les autres critères réunis.
      </p>
      {publish.isSuccess && (
        <Notice kind="success">
          <p>
            Version {publish.data.version} publiée, à effet le {formatDate(publish.data.effectiveFrom)}.
          </p>
        </Notice>
      )}
      {errors.length > 0 && (
        <Notice kind="error" title="La grille n’est pas publiée">
          <ul>
            {errors.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        </Notice>
      )}
      <form onSubmit={onSubmit} noValidate>
        <div className="field">
          <label htmlFor={editorId}>Grille (JSON)</label>
          <textarea
            className="field__input operator-editor"
            id={editorId}
            name="grille"
            rows={24}
            spellCheck={false}
            defaultValue={draftOf(latest, today)}
            aria-invalid={errors.length > 0 ? true : undefined}
          />
        </div>
        <div className="actions">
          <button type="submit" className="button" disabled={publish.isPending}>
            Publier cette version
          </button>
        </div>
      </form>
    </section>
  );
}
