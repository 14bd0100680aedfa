"""The table contract as code: columns, dtypes, keys, enums and the table layouts."""
