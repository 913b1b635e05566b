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
  // spend top suppliers --top 20
  top: `SELECT supplier, 'GBP' AS currency, sum(amount) AS amount, count(*) AS count,
          sum(amount) / (SELECT sum(amount) FROM spend) AS share
        FROM spend GROUP BY supplier ORDER BY amount DESC, supplier LIMIT 20`,
  // spend concentration --by category
  concentration: `WITH s AS (SELECT category, supplier, sum(amount) AS a FROM spend GROUP BY category, supplier),
      r AS (SELECT category, supplier, a,
              row_number() OVER (PARTITION BY category ORDER BY a DESC, supplier) AS rn,
              sum(a) OVER (PARTITION BY category) AS tot FROM s)
    SELECT category, 'GBP' AS currency, any_value(tot) AS amount, count(*) AS suppliers,
      sum(a) FILTER (WHERE rn <= 1) / any_value(tot) AS cr1,
      sum(a) FILTER (WHERE rn <= 3) / any_value(tot) AS cr3,
      sum(a) FILTER (WHERE rn <= 5) / any_value(tot) AS cr5,
      sum(power(100 * a / tot, 2)) AS hhi,
      10000 / sum(power(100 * a / tot, 2)) AS effective_suppliers
    FROM r GROUP BY category ORDER BY amount DESC, category`,
}
