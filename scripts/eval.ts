// `npm run eval`: how often the advisor agrees with real teams' documented decisions, and why not.
import { loadKnowledgeBase } from '../src/knowledge/knowledge-base.ts';
import { defaultCasesPath, evaluate, formatReport, readCases } from './evaluate-advisor.ts';

const path = process.argv[2] ?? defaultCasesPath();
const report = evaluate(loadKnowledgeBase(), readCases(path));
console.log(`eval set: ${path}`);
console.log(formatReport(report));
process.exitCode = report.agreement >= 0.85 && report.reasonsOnPoint >= 0.8 ? 0 : 1;
