//! Azure checks, one folder per service, one file per check. Check IDs carry the
//! catalogue's `azure-` prefix; the folder names the service as the catalogue does.

pub mod acr;
pub mod aks;
pub mod appgw;
pub mod appservice;
pub mod cosmosdb;
pub mod datafactory;
pub mod eventhub;
pub mod keyvault;
pub mod monitor;
pub mod nsg;
pub mod postgres;
pub mod redis;
pub mod role;
pub mod search;
pub mod servicebus;
pub mod sql;
pub mod storage;
pub mod vm;
