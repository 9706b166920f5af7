pub mod custom_owner;
