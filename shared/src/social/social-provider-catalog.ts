import type { SocialProvider, SocialProviderRegistry } from '../ports/index.ts';

/** The social networks a binding set offers, by network name. */
export class SocialProviderCatalog implements SocialProviderRegistry {
  private readonly byNetwork: Map<string, SocialProvider>;

  constructor(providers: readonly SocialProvider[]) {
    this.byNetwork = new Map(providers.map((provider) => [provider.network, provider]));
  }

  get(network: string): SocialProvider | undefined {
    return this.byNetwork.get(network);
  }

  list(): SocialProvider[] {
    return [...this.byNetwork.values()];
  }
}
