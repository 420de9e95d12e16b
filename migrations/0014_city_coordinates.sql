-- Where each city is, for the weather fetcher (Open-Meteo takes latitude and longitude).
-- NULL: the city is not fetched (its weather is entered in the newsroom or with herald weather).
ALTER TABLE cities ADD COLUMN latitude REAL CHECK (latitude IS NULL OR latitude BETWEEN -90 AND 90);
ALTER TABLE cities ADD COLUMN longitude REAL CHECK (longitude IS NULL OR longitude BETWEEN -180 AND 180);
