CREATE TABLE "public_versions" (
	"org_path" text PRIMARY KEY NOT NULL,
	"tree" bigint DEFAULT 0 NOT NULL,
	"down" bigint DEFAULT 0 NOT NULL
);
