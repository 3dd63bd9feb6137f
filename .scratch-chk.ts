import * as pkijs from 'pkijs';
import { makeTestPki } from '/work/main/tests/fixtures/pki';
import { ensureCryptoEngine, parseCertificate } from '/work/main/src-main/core/pdf/cms';
(async () => {
  ensureCryptoEngine();
  const p = await makeTestPki('/tmp/vanthu-test-pki');
  const leaf = parseCertificate(p.leaves.person.certDer);
  const inter = parseCertificate(p.intermediate.der);
  const root = parseCertificate(p.root.der);
  const r = await new pkijs.CertificateChainValidationEngine({ trustedCerts: [root], certs: [leaf, inter] }).verify();
  console.log(r.result, r.certificatePath?.map((c) => c.subject.typesAndValues[0]!.value.valueBlock.value));
})();
