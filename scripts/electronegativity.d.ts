// Electronegativity ships no typings: its programmatic entry (dist/runner.js), as
// scripts/security-scan.ts calls it (forCli false: return the findings instead of printing).
declare module '@doyensec/electronegativity' {
  export interface RawIssue {
    id: string;
    file: string;
    sample?: string;
    location: { line: number; column: number };
    description: string;
    severity: { format(): string };
    confidence: { format(): string };
  }
  export interface RunResult {
    errors: Array<{ file: string; message: string; tolerable: boolean }>;
    issues: RawIssue[];
  }
  export default function run(options: Record<string, unknown>, forCli: false): Promise<RunResult>;
}
