import type { FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { resultsQuerySchema } from '#results/results-schemas.ts';
import { TextField } from '#web/components/form/text-field.tsx';
import { ErrorNotice } from '#web/components/ui/page-states.tsx';
import { Page } from '#web/components/ui/page.tsx';
import { ScrollRegion } from '#web/components/ui/scroll-region.tsx';
import { textOf } from '#web/lib/form-errors.ts';
import { type PublishedResult, useResults } from '../api/use-results.ts';

function ResultsTable({ results }: { results: readonly PublishedResult[] }) {
  return (
    <ScrollRegion label="Tableau des résultats">
      <table className="table">
        <caption>Offres attribuées, la plus récente d’abord</caption>
        <thead>
          <tr>
            <th scope="col">Logement</th>
            <th scope="col">Commune</th>
            <th scope="col">Financement</th>
            <th scope="col" className="table__number">
              Candidats
            </th>
            <th scope="col" className="table__number">
              Score attributaire
            </th>
            <th scope="col">Ancienneté de la demande</th>
            <th scope="col" className="table__number">
              Délai d’attribution
            </th>
          </tr>
        </thead>
        <tbody>
          {results.map((result, index) => (
            // Results name no offer (nothing identifies a dwelling or a person): their order is their key.
            // biome-ignore lint/suspicious/noArrayIndexKey: a published result has no identifier by design
            <tr key={index}>
              <td>{result.typology}</td>
              <td>{result.communeName ?? result.commune}</td>
              <td>{result.financing}</td>
              <td className="table__number">{result.applicants}</td>
              <td className="table__number">{result.attributed ? result.attributed.score : 'non publié'}</td>
              <td>{result.attributed ? result.attributed.seniorityBand : 'non publiée'}</td>
              <td className="table__number">{result.attributed ? `${result.attributed.daysToAttribution} j` : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

/** Results of past offers: what it took to be housed in a department, never who was. */
export function ResultsPage() {
  const [search, setSearch] = useSearchParams();
  const department = search.get('departement') ?? '';
  const checked = department ? resultsQuerySchema.pick({ department: true }).safeParse({ department }) : undefined;
  const results = useResults(checked?.success ? { department: checked.data.department } : undefined);
  const error = checked && !checked.success ? checked.error.issues[0]?.message : undefined;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSearch({ departement: textOf(new FormData(event.currentTarget), 'department').trim().toUpperCase() });
  };
  const rows = results.data?.pages.flatMap((page) => page.results) ?? [];
  return (
    <Page title="Résultats des offres passées">
      <p>
        Pour chaque logement attribué : le nombre de candidats, le score du dossier retenu, l’ancienneté de sa demande et le délai
        d’attribution. Rien qui permette d’identifier une personne ; sous 5 candidats, seuls les comptes sont publiés.
      </p>
      <form onSubmit={submit} noValidate className="card">
        <TextField name="department" label="Département" hint="Ex. 75, 2A, 971" defaultValue={department} error={error} inputMode="text" />
        <button type="submit" className="button">
          Voir les résultats
        </button>
      </form>
      {results.isError && <ErrorNotice error={results.error} />}
      {results.isFetching && !results.isFetchingNextPage && <p role="status">Chargement…</p>}
      {results.isSuccess &&
        (rows.length ? (
          <ResultsTable results={rows} />
        ) : (
          <p role="status">Aucune offre attribuée publiée dans ce département pour le moment.</p>
        ))}
      {results.hasNextPage && (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => results.fetchNextPage()}
          disabled={results.isFetchingNextPage}
        >
          Voir plus de résultats
        </button>
      )}
    </Page>
  );
}
