import { BulkBlock } from '../../components/BulkBlock';
import { callGateway, toErrorData } from '../../lib/messaging-client';

/** "Sperren aus Datei" on the options page (issue 15): the work runs in the background. */
export function BulkBlockContainer({ brands }: { brands: { value: string; label: string }[] | undefined }) {
  return (
    <BulkBlock
      brands={brands}
      onPreview={(args) => callGateway('bulkBlockPreview', args)}
      onRun={(args, onProgress) =>
        callGateway('bulkBlockRun', args, {
          onProgress: (p) => {
            if (p.total !== null) onProgress({ done: p.done, total: p.total });
          },
        })
      }
      onCancel={() => void callGateway('bulkBlockCancel', {}).catch(() => undefined)}
      toErrorData={toErrorData}
    />
  );
}
