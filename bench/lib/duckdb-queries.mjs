/**
 * The DuckDB side of the analysis bench: the same GROUP BYs the spend commands compute,
 * over table `spend(buyer, unit, supplier, category, date, amount DECIMAL(18,2))`.
 * Shares and ordering mirror the spend output (amount descending, ties by key).
 */

/** Build the analysis table from the bench CSV (exact DECIMAL amounts, like spend's minor units). */
export const buildSpendTable = (csv) => `CREATE OR REPLACE TABLE spend AS
  SELECT OrganisationLabel AS buyer, OrganisationalUnit AS unit, BeneficiaryName AS supplier,
         ProclassLabel AS category, PaymentDate AS date, CAST(Amount AS DECIMAL(18,2)) AS amount
  FROM read_csv('${csv.replaceAll("'", "''")}', types = {'Amount': 'VARCHAR', 'PaymentDate': 'VARCHAR'})`

export const QUERIES = {
  // spend cube --by buyer,category
  cube: `SELECT buyer, category, 'GBP' AS currency, sum(amount) AS amount, count(*) AS count,
           sum(amount) / sum(sum(amount)) OVER (PARTITION BY buyer) AS share_parent,
           sum(amount) / sum(sum(amount)) OVER () AS share
         FROM spend GROUP BY buyer, category ORDER BY amount DESC, buyer, category`,
  // spend top suppliers --top 20: redacted names (the generator's `Redacted`) are many unknown
  // payees, not ranked; shares are of the spend with an identified supplier
  top: `SELECT supplier, 'GBP' AS currency, sum(amount) AS amount, count(*) AS count,
          sum(amount) / (SELECT sum(amount) FROM spend WHERE supplier <> 'Redacted') AS share
        FROM spend WHERE supplier <> 'Redacted' GROUP BY supplier ORDER BY amount DESC, supplier LIMIT 20`,
  // spend concentration --by category: the amount is the whole category; suppliers and shares
  // leave out the redacted names, as spend does
  concentration: `WITH s AS (SELECT category, supplier, sum(amount) AS a FROM spend GROUP BY category, supplier),
      t AS (SELECT category, sum(a) AS amount FROM s GROUP BY category),
      r AS (SELECT category, supplier, a,
              row_number() OVER (PARTITION BY category ORDER BY a DESC, supplier) AS rn,
              sum(a) OVER (PARTITION BY category) AS tot FROM s WHERE supplier <> 'Redacted')
    SELECT t.category, 'GBP' AS currency, any_value(t.amount) AS amount, count(r.supplier) AS suppliers,
      sum(r.a) FILTER (WHERE r.rn <= 1) / any_value(r.tot) AS cr1,
      sum(r.a) FILTER (WHERE r.rn <= 3) / any_value(r.tot) AS cr3,
      sum(r.a) FILTER (WHERE r.rn <= 5) / any_value(r.tot) AS cr5,
      sum(power(100 * r.a / r.tot, 2)) AS hhi,
      10000 / sum(power(100 * r.a / r.tot, 2)) AS effective_suppliers
    FROM t LEFT JOIN r USING (category) GROUP BY t.category ORDER BY amount DESC, t.category`,
}
