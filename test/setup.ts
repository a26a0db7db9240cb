// Test set-up shared by every file: quiet logs and a private data dir, so tests never touch .data/.
import os from "node:os";
import path from "node:path";

process.env.LOG_LEVEL ??= "error";
process.env.DATA_DIR ??= path.join(os.tmpdir(), `focusforge-test-${process.pid}`);
