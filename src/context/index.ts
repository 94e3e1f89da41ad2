/**
 * The build context: the files beside a Dockerfile that COPY and ADD can send, filtered by
 * `.dockerignore`, on disk or in memory.
 */

export { cleanContextPath, hasWildcard, matchComponent } from "../model/glob.js";
export { applyFileEdits, type FileEdit, type FileEditResult, mergeFileText } from "./apply.js";
export { BackendContext, type ContextBackend, type ContextLimits } from "./core.js";
export { IgnoreMatcher, type IgnoreRule, type ParsedIgnore, parseIgnoreFile } from "./ignore.js";
export { type MemoryContextOptions, type MemoryEntry, memoryBackend, memoryContext } from "./memory.js";
export { type LoadContextOptions, loadBuildContext, nodeBackend } from "./node.js";
