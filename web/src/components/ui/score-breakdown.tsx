import { formatPoints } from '#web/lib/format.ts';

export interface ScoreLine {
  readonly criterion: string;
  readonly points: number;
  readonly detail: string;
}

/** A score and its breakdown, one row per criterion of the scoring grid, named by its French detail. */
export function ScoreBreakdown({ caption, total, lines }: { caption: string; total: number; lines: readonly ScoreLine[] }) {
  return (
    <table className="table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Critère</th>
          <th scope="col" className="table__number">
            Points
          </th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line) => (
          <tr key={line.criterion}>
            <th scope="row">{line.detail}</th>
            <td className="table__number">{formatPoints(line.points)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">Total</th>
          <td className="table__number">{formatPoints(total)}</td>
        </tr>
      </tfoot>
    </table>
  );
}
