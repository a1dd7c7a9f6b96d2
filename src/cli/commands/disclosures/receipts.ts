import { Option, type Command } from 'commander';
import { withStore } from '../../run.js';

const load = () => import('../../actions/disclosures/receipts.js');

/** `vrm receipt …`: consent receipts (Kantara CR v1.1, signed as JWS). */
export function registerReceiptCommands(program: Command): void {
  const receipt = program
    .command('receipt')
    .alias('receipts')
    .description('consent receipts (Kantara CR v1.1, signed as JWS) for disclosures under terms');
  receipt
    .command('list')
    .description('list receipts')
    .option('--provider <provider>', 'only for this provider')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load()).listReceipts));
  receipt
    .command('export')
    .description('export a receipt: the signed JWS, the Kantara JSON, or an ISO/IEC TS 27560 record')
    .argument('<receipt>', 'the receipt number or its UUID')
    .addOption(
      new Option('--format <format>', 'what to write')
        .choices(['jws', 'kantara', 'iso27560'])
        .default('kantara'),
    )
    .option('--out <file>', 'write to this file instead of standard output')
    .action(withStore(async () => (await load()).exportReceipt));
  receipt
    .command('verify')
    .description(
      "verify a consent receipt's JWS: signature, type, the fields Kantara CR v1.1 requires, and its key",
    )
    .argument('<input>', 'a file holding the JWS, the JWS itself, or - for standard input')
    .option('--key <file>', "the signer's public key as a JWK file (default: this store's keys)")
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load()).verifyReceipt));
}
