// `npm run eval`: how often the advisor agrees with real teams' documented decisions, and why not.
import { loadKnowledgeBase } from '../src/knowledge/knowledge-base.ts';
import { defaultCasesPath, evaluate, formatReport, readCases } from './evaluate-advisor.ts';

// `npm run eval -- --cases FILE` (or a bare path) scores another set, e.g. the held-out tests/fixtures/holdout-cases.jsonl.
const args = process.argv.slice(2);
const casesFlag = args.indexOf('--cases');
const path = (casesFlag >= 0 ? args[casesFlag + 1] : args[0]) ?? defaultCasesPath();
const report = evaluate(loadKnowledgeBase(), readCases(path));
console.log(`eval set: ${path}`);
console.log(formatReport(report));
process.exitCode = report.agreement >= 0.85 && report.reasonsOnPoint >= 0.8 ? 0 : 1;
