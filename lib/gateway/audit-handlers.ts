// List and portal audits through the gateway (issues 4 and 5).
import type { GatewayHandlers } from '../background/router';
import { GatewayError } from '../hubspot/errors';
import type { HandlerEnv } from './handlers';

type AuditMethods = 'auditList' | 'setListBrands' | 'planListFix' | 'applyListFix' | 'portalAudit';

export function createAuditHandlers(_env: HandlerEnv): Pick<GatewayHandlers, AuditMethods> {
  const notYet = () => Promise.reject(new GatewayError('invalid-response', 'not available yet'));
  return { auditList: notYet, setListBrands: notYet, planListFix: notYet, applyListFix: notYet, portalAudit: notYet };
}
