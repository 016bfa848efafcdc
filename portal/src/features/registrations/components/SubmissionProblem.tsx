import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '../../../app/paths.js';

/** Why a registration was not taken, beside the field errors: the partner agreement to accept first, or the answer. */
export function SubmissionProblem({ agreementMissing, failure }: { agreementMissing: boolean; failure: string | undefined }) {
  const { t } = useTranslation();
  if (agreementMissing)
    return (
      <p role="alert" className="error-summary">
        {t('onboarding.agreement.required')} <Link to={paths.agreement}>{t('onboarding.agreement.read')}</Link>
      </p>
    );
  if (failure)
    return (
      <p role="alert" className="error-summary">
        {failure}
      </p>
    );
  return null;
}
