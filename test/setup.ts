// Unit and component tests read German UI text unless a test chooses otherwise.
import '../lib/i18n-node';
import { setLanguage } from '../lib/i18n';
setLanguage('de');
// Component tests click with testing-library, whose events are not trusted; the test of the trust
// check itself switches it back on (test/component/user-action.test.tsx).
import { acceptUntrustedEventsForTests } from '../components/userAction';
acceptUntrustedEventsForTests(true);
