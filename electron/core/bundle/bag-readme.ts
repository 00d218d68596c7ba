import { TAG_FILES } from './bagit';
import { BUNDLE_NAMESPACE } from './keys';

/**
 * data/README.txt, in Japanese and English: how to check the bundle with
 * standard tools only, so nobody needs Hoan to trust what is inside.
 */
export function bagReadme(input: { fileName: string; siteName: string; signerName: string; fingerprint: string; principal: string }): string {
  const verify = [
    `unzip -q ${input.fileName} -d bundle && cd bundle`,
    `sha256sum -c ${TAG_FILES.tagManifest}`,
    `sha256sum -c ${TAG_FILES.manifest}`,
    `ssh-keygen -Y verify -f allowed_signers -I ${input.principal} -n ${BUNDLE_NAMESPACE} \\`,
    `    -s ${TAG_FILES.signature} < ${TAG_FILES.tagManifest}`,
  ]
    .map((l) => `    ${l}`)
    .join('\n');
  return `Hoan 証跡バンドル / Hoan evidence bundle
==========================================

事業場 / Site: ${input.siteName}
署名者 / Signer: ${input.signerName}
鍵の指紋 / Key fingerprint: ${input.fingerprint}

【日本語】
このファイルは BagIt 1.0（RFC 8493）形式のバッグを無圧縮の zip にしたものです。
Hoan がなくても、次の標準的なツールで中身が署名されたとおりであることを確かめられます。

${verify}

1. sha256sum -c で、タグファイル（bagit.txt、bag-info.txt、manifest-sha256.txt）と
   data/ 以下のすべてのファイルのハッシュが一致することを確かめます。
2. ssh-keygen -Y verify で、tagmanifest-sha256.txt が上の鍵で署名されていることを確かめます。
   allowed_signers ファイルは、署名者の Hoan（「鍵」画面または hoan keys export）から
   別の経路で受け取り、鍵の指紋を電話などで読み合わせてください。
   バンドルに同梱された鍵を信頼してはいけません。

data/records/*.json は記録（事業場、区分判定、チェックリスト、リスク、媒体台帳と記録、機器台帳、体制・連絡体制・接続点台帳、監査証跡）、
data/evidence/<sha256> は証跡ファイル、data/report/*.xlsx は人が読むための出力です。

[English]
This file is a BagIt 1.0 (RFC 8493) bag serialised as an uncompressed zip.
Without Hoan, standard tools show that its contents are exactly what was signed:

${verify}

1. sha256sum -c checks the tag files (bagit.txt, bag-info.txt, manifest-sha256.txt) and every
   file under data/ against their hashes.
2. ssh-keygen -Y verify checks that tagmanifest-sha256.txt was signed by the key above.
   Get the allowed_signers file from the signer's Hoan (the Keys screen, or hoan keys export)
   by another route, and read the fingerprint back over the phone.
   Never trust a key that arrives inside the bundle.

data/records/*.json are the records (site, classification, checklist, risks, media registry
and log, device inventory, organisation, contact order and connection points, audit trail);
data/evidence/<sha256> are the evidence files; data/report/*.xlsx are human-readable exports.
`;
}
