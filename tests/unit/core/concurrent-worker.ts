// One of several processes numbering at the same time against one database file.
import { createServices } from '../../../src-main/core/services';
import { DocumentFields } from '../../../src-shared/ipc/schemas';
import { APP_ROOT } from './helpers';

const [dataDir, countArg] = process.argv.slice(2);
const services = createServices({ dataDir, appRoot: APP_ROOT });
const numbers: number[] = [];
for (let i = 0; i < Number(countArg); i++) {
  const { document } = services.documents.create(
    DocumentFields.parse({ direction: 'out', typeName: 'Quyết định', subject: `Dự thảo ${process.pid}-${i}` }),
    [],
    'admin',
  );
  numbers.push(services.documents.issue(document.id, '2026-04-01', 'admin').document.codeNumber ?? -1);
}
services.close();
process.stdout.write(JSON.stringify(numbers));
