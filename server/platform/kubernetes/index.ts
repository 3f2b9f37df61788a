import type { Platform } from "../types";
import {
  KubernetesPlatform,
  type KubernetesPlatformConfig,
  type KubernetesPlatformTestHooks,
} from "./kubernetesPlatform";

export { KubernetesPlatform, type KubernetesPlatformConfig } from "./kubernetesPlatform";
export { KubernetesStartupError, KubeError } from "./errors";
export { requiredPermissions } from "./permissions";

/**
 * The kubernetes platform, not started: `await platform.start()` runs the start-up checks (throwing a
 * KubernetesStartupError that lists every problem found) and starts watching.
 */
export async function createKubernetesPlatform(
  config: KubernetesPlatformConfig,
  hooks?: KubernetesPlatformTestHooks,
): Promise<Platform & KubernetesPlatform> {
  return new KubernetesPlatform(config, hooks);
}
