export interface EmbeddingProvider {
  /** Length of every vector this provider returns (the pgvector column's dimension). */
  readonly dimensions: number;
  readonly model: string;
  embed(texts: readonly string[]): Promise<number[][]>;
}
