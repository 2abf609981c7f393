// The SSRF guard lives in the kernel now (flows' webhook steps use it too).
export { isPrivateAddress, isPrivateHostName } from '@orchestrator/shared/http';
