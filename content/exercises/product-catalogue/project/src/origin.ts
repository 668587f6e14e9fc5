import type { Product } from './catalogue';

/** The origin, D1: the source of truth the cache in KV copies. */

interface Row {
  id: number;
  name: string;
  price_cents: number;
}

const toProduct = (row: Row): Product => ({ id: row.id, name: row.name, priceCents: row.price_cents });

export async function loadProducts(db: D1Database): Promise<Product[]> {
  const { results } = await db.prepare('SELECT id, name, price_cents FROM products ORDER BY id').all<Row>();
  return results.map(toProduct);
}

export async function loadProduct(db: D1Database, id: number): Promise<Product | null> {
  const row = await db.prepare('SELECT id, name, price_cents FROM products WHERE id = ?1').bind(id).first<Row>();
  return row ? toProduct(row) : null;
}

/** There is no product with this id: an edit cannot create one. */
export class ProductNotFound extends Error {}

export async function saveProduct(db: D1Database, edit: Product): Promise<Product> {
  const row = await db
    .prepare('UPDATE products SET name = ?2, price_cents = ?3 WHERE id = ?1 RETURNING id, name, price_cents')
    .bind(edit.id, edit.name, edit.priceCents)
    .first<Row>();
  if (!row) throw new ProductNotFound(`There is no product ${edit.id}.`);
  return toProduct(row);
}
