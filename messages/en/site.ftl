# Messages of bantin: see src/messages.rs.
