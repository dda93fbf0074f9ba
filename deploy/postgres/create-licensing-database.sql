-- Run once by the postgres image on an empty data folder (compose.yaml): the extracted Licensing service keeps its
-- tables in a database of its own, owned by the same role.
CREATE DATABASE licensing OWNER nexus;
