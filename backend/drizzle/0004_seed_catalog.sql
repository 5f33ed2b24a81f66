-- The starting gift catalog (1 coin to 30,000 coins) and coin packages. Values are in coins;
-- beans_value follows the default rate of 1 bean per coin. Admins edit both later; rows that
-- were ever used are deactivated, never deleted.
INSERT INTO gift_catalog (slug, name, icon, cost_coins, beans_value, sort_order) VALUES
  ('heart', 'Heart', 'heart', 1, 1, 10),
  ('rose', 'Rose', 'rose', 5, 5, 20),
  ('coffee', 'Coffee', 'coffee', 10, 10, 30),
  ('ice-cream', 'Ice cream', 'ice-cream', 30, 30, 40),
  ('microphone', 'Microphone', 'microphone', 99, 99, 50),
  ('guitar', 'Guitar', 'guitar', 299, 299, 60),
  ('diamond', 'Diamond', 'diamond', 999, 999, 70),
  ('sports-car', 'Sports car', 'sports-car', 2999, 2999, 80),
  ('yacht', 'Yacht', 'yacht', 9999, 9999, 90),
  ('rocket', 'Rocket', 'rocket', 29999, 29999, 100)
ON CONFLICT (slug) DO NOTHING;
--> statement-breakpoint
INSERT INTO coin_packages (id, coins, bonus_coins, price_cents, currency, sort_order) VALUES
  ('coins-100', 100, 0, 99, 'usd', 10),
  ('coins-500', 500, 25, 499, 'usd', 20),
  ('coins-1200', 1200, 100, 999, 'usd', 30),
  ('coins-3000', 3000, 400, 2499, 'usd', 40),
  ('coins-6500', 6500, 1000, 4999, 'usd', 50),
  ('coins-14000', 14000, 3000, 9999, 'usd', 60)
ON CONFLICT (id) DO NOTHING;
