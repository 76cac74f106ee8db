pub mod ysweet;
