import { pagePaths } from '#shared/page-paths.ts';
import { Link } from 'react-router';
import { companyEligibilityRules } from '#shared/business-rules.ts';
import { Page } from '#web/components/ui/page.tsx';

const { minimumHeadcount } = companyEligibilityRules;

/** Who may use the service, and how: the first page of a newcomer. */
export function HomePage() {
  return (
    <Page title="Un logement social près de votre travail">
      <p className="lead">
        Alin permet aux salariés des entreprises qui financent le logement de leurs salariés de candidater aux logements sociaux proposés
        par les bailleurs partenaires.
      </p>
      <div className="actions">
        <Link className="button" to={pagePaths.eligibility}>
          Vérifier mon employeur
        </Link>
        <Link className="button button--secondary" to={pagePaths.register}>
          Créer mon compte
        </Link>
      </div>

      <h2>Qui peut en bénéficier ?</h2>
      <div className="grid">
        <section className="card" aria-labelledby="qui-entreprise">
          <h3 id="qui-entreprise">Votre employeur</h3>
          <ul>
            <li>
              une entreprise du secteur privé d’au moins {minimumHeadcount.private} salariés, ou du secteur agricole d’au moins{' '}
              {minimumHeadcount.agricultural} salariés ;
            </li>
            <li>qui verse la participation des employeurs à l’effort de construction (PEEC) ;</li>
            <li>et qui est inscrite sur la plateforme.</li>
          </ul>
        </section>
        <section className="card" aria-labelledby="qui-salarie">
          <h3 id="qui-salarie">Vous</h3>
          <ul>
            <li>vous êtes salarié de cette entreprise, qui confirme votre emploi ;</li>
            <li>vous avez une demande de logement social en cours, avec son numéro unique (NUD) ;</li>
            <li>vos ressources respectent les plafonds du logement proposé.</li>
          </ul>
        </section>
      </div>

      <h2>Comment ça marche ?</h2>
      <ol className="steps">
        <li>Vérifiez que votre employeur est éligible, avec son numéro SIRET.</li>
        <li>Créez votre compte : vous recevez par e-mail un lien pour choisir votre mot de passe.</li>
        <li>Décrivez votre situation et déposez vos justificatifs ; votre employeur confirme votre emploi.</li>
        <li>Candidatez aux logements qui vous correspondent et suivez vos candidatures.</li>
      </ol>
      <p>
        Déjà inscrit ? <Link to={pagePaths.login}>Connectez-vous</Link>.
      </p>
    </Page>
  );
}
